import { PickType } from '@nestjs/swagger';
import { ApplicationDto } from '../http/initiatives.dto';

/**
 * The forms of the application's pages are the API's own DTO cut to the fields of one page (PickType keeps every
 * rule of the picked fields): a page validates exactly what the JSON API validates, with the same words.
 */
export class StartForm extends PickType(ApplicationDto, ['title', 'applicantType'] as const) {}
export class ApplicantsForm extends PickType(ApplicationDto, ['applicantType', 'ngoName', 'ngoKrs', 'applicants'] as const) {}
export class ContactForm extends PickType(ApplicationDto, ['contactName', 'contactEmail', 'contactPhone', 'contactPublic'] as const) {}
export class TaskForm extends PickType(ApplicationDto, ['taskArea', 'title', 'description', 'beneficiaries', 'beneficiariesCount'] as const) {}
export class LocationForm extends PickType(ApplicationDto, ['location', 'areaId', 'landOwner'] as const) {}
export class ScheduleForm extends PickType(ApplicationDto, ['schedule'] as const) {}
export class CostsForm extends PickType(ApplicationDto, ['totalCost', 'volunteerPeople', 'volunteerHours', 'inKind', 'cash', 'cityShare'] as const) {}
