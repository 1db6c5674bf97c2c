import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_MEDIA_TYPES } from '@civitas/common';
import { ATTACHMENT_KINDS, type Applicant, type InitiativeAttachmentKind } from '../applications.service';
import { INITIATIVE_STATUSES, type InitiativeStatus } from '../initiative-status';
import { TASK_AREA_KEYS, type TaskArea } from '../task-areas';

// The bodies of the local initiatives' routes as they are sent (the services' views, dates as ISO strings; money in
// grosze as numbers).

export class IntakeWindowResponse {
  @ApiProperty({ format: 'date', example: '2025-03-01' }) opensOn: string;
  @ApiProperty({ format: 'date', example: '2025-03-31' }) closesOn: string;
}

export class CriterionResponse {
  @ApiProperty({ example: 'volunteer' }) key: string;
  @ApiProperty() namePl: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ description: 'Weight in the weighted average (only the proportions matter).' }) weight: number;
  @ApiProperty() maxPoints: number;
  @ApiProperty({ description: "The criterion of residents' volunteer work (art. 19e u.d.p.p.): exactly one has it." }) volunteerWork: boolean;
}

export class ProgrammeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['continuous', 'windows'] }) intake: 'continuous' | 'windows';
  @ApiProperty({ type: () => [IntakeWindowResponse], description: 'Empty for a continuous intake.' }) windows: IntakeWindowResponse[];
  @ApiProperty({ description: 'Grosze.' }) allocation: number;
  @ApiProperty() minApplicants: number;
  @ApiProperty({ type: () => [CriterionResponse] }) criteria: CriterionResponse[];
  @ApiProperty({ description: 'Days the applicants have to correct an application sent back.' }) correctionDays: number;
  @ApiProperty({ description: 'The hourly value of volunteer work, grosze.' }) volunteerHourValue: number;
  @ApiProperty({ description: 'The allocation not yet promised to approved applications, grosze.' }) remaining: number;
}

export class TaskAreaLabelResponse {
  @ApiProperty() pl: string;
  @ApiProperty() en: string;
}

export class ScheduleItemResponse {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty() activity: string;
}

export class InKindItemResponse {
  @ApiProperty() item: string;
  @ApiProperty({ description: 'Grosze.' }) value: number;
}

export class CityShareItemResponse {
  @ApiProperty({ enum: ['services', 'materials', 'equipment'] }) kind: 'services' | 'materials' | 'equipment';
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Grosze.' }) value: number;
}

export class ContributionResponse {
  @ApiProperty() volunteerPeople: number;
  @ApiProperty() volunteerHours: number;
  @ApiProperty({ description: 'People × hours × the hourly value, grosze.' }) volunteerValue: number;
  @ApiProperty({ type: () => [InKindItemResponse] }) inKind: InKindItemResponse[];
  @ApiProperty({ description: 'Grosze.' }) inKindValue: number;
  @ApiProperty({ description: 'Grosze.' }) cash: number;
  @ApiProperty({ description: 'The whole contribution, grosze.' }) total: number;
}

export class DecisionResponse {
  @ApiProperty({ type: String, nullable: true, description: 'Null for a rejection at the formal check.' }) purposefulness: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  /** Never null in the body: there is no decision before it is made (the view's type allows null). */
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date | null;
}

/** The totals of the final report: what the public register shows of it. */
export class FinalReportTotalsResponse {
  @ApiProperty() volunteerPeople: number;
  @ApiProperty() volunteerHours: number;
  @ApiProperty({ description: 'Grosze.' }) volunteerValue: number;
  @ApiProperty({ description: 'Grosze.' }) inKindValue: number;
  @ApiProperty({ description: 'Grosze.' }) cash: number;
  @ApiProperty({ description: 'Grosze.' }) contributionTotal: number;
  @ApiProperty({ description: 'Grosze.' }) cityShareTotal: number;
  @ApiProperty({ type: String, format: 'date-time' }) filedAt: string;
}

/** The final report as filed: the actual contributions of both sides, the applicants' summary and the totals. */
export class FinalReportResponse extends FinalReportTotalsResponse {
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'The hourly value of volunteer work when filed, grosze.' }) volunteerHourValue: number;
  @ApiProperty({ type: () => [InKindItemResponse] }) inKind: InKindItemResponse[];
  @ApiProperty({ type: () => [CityShareItemResponse] }) cityShare: CityShareItemResponse[];
}

/** What every view of an application has. */
export abstract class InitiativeBaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: String, nullable: true, example: 'IL/2025/0001', description: 'Given at registration.' }) caseNumber: string | null;
  @ApiProperty({ enum: INITIATIVE_STATUSES }) status: InitiativeStatus;
  @ApiProperty({ enum: ['residents', 'ngo'] }) applicantType: 'residents' | 'ngo';
  @ApiProperty({ type: String, nullable: true }) ngoName: string | null;
  @ApiProperty({ enum: TASK_AREA_KEYS }) taskArea: TaskArea;
  @ApiProperty({ type: () => TaskAreaLabelResponse }) taskAreaLabel: TaskAreaLabelResponse;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() location: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId: string | null;
  @ApiProperty({ type: () => [ScheduleItemResponse] }) schedule: ScheduleItemResponse[];
  @ApiProperty({ description: 'Grosze.' }) totalCost: number;
  @ApiProperty({ type: () => ContributionResponse, description: "The residents' contribution as applied for." }) contribution: ContributionResponse;
  @ApiProperty({ type: () => [CityShareItemResponse] }) cityShare: CityShareItemResponse[];
  @ApiProperty({ description: 'Grosze.' }) cityShareTotal: number;
  @ApiProperty() beneficiaries: string;
  @ApiProperty() beneficiariesCount: number;
  @ApiProperty() applicantsCount: number;
  @ApiProperty({ type: Number, nullable: true, description: "The mean of the evaluators' results (0–100), once decided." }) score: number | null;
  @ApiProperty({ type: () => DecisionResponse, nullable: true }) decision: DecisionResponse | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) registeredAt: Date | null;
}

/** An application as anyone may see it: the task, the money and the decision, no personal data. */
export class PublicInitiativeResponse extends InitiativeBaseResponse {
  @ApiProperty({ type: String, nullable: true, description: 'The contact person, only when they agreed to be named.' }) contactName: string | null;
  // The view types the stored report loosely; the body carries its totals only.
  @ApiProperty({ type: () => FinalReportTotalsResponse, nullable: true, description: 'The totals of the final report, once filed.' })
  finalReport: Record<string, unknown> | null;
}

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS }) kind: InitiativeAttachmentKind;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES }) mediaType: string;
  @ApiProperty({ description: 'Bytes.' }) size: number;
}

export class ApplicantResponse implements Applicant {
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() address: string;
}

export class AgreementTermsResponse {
  @ApiProperty({ type: String, nullable: true, description: 'Null until drafted.' }) number: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) termFrom: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) termTo: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) signedAt: Date | null;
}

/** An application in full, as its applicants and the officials of its area see it. */
export class FullInitiativeResponse extends InitiativeBaseResponse {
  @ApiProperty() contactName: string;
  @ApiProperty() contactEmail: string;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ description: 'The contact person agreed to be named in the public register.' }) contactPublic: boolean;
  @ApiProperty({ type: String, nullable: true, example: '0000123456' }) ngoKrs: string | null;
  @ApiProperty({ type: () => [ApplicantResponse] }) applicants: ApplicantResponse[];
  @ApiProperty({ enum: ['city', 'other', 'none'] }) landOwner: 'city' | 'other' | 'none';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) correctionDeadline: Date | null;
  @ApiProperty({ type: String, nullable: true }) correctionNote: string | null;
  @ApiProperty({ type: () => [AttachmentResponse] }) attachments: AttachmentResponse[];
  @ApiProperty({ type: () => AgreementTermsResponse }) agreement: AgreementTermsResponse;
  // The view types the stored report loosely; the body carries it whole.
  @ApiProperty({ type: () => FinalReportResponse, nullable: true, description: 'The final report, once filed.' })
  finalReport: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) terminatedReason: string | null;
  @ApiProperty({ format: 'uuid', description: "The author's account (the contact person's)." }) createdBy: string;
}
