import { Foundation1763840000000 } from './1763840000000-Foundation';
import { OutboxDelivery1763850000000 } from './1763850000000-OutboxDelivery';
import { AccountExistsTokens1795379602813 } from './1795379602813-AccountExistsTokens';
import { Notifications1795400000000 } from './1795400000000-Notifications';
import { Budget1795500000000 } from './1795500000000-Budget';
import { BudgetReviews1795500100000 } from './1795500100000-BudgetReviews';
import { BudgetProjectsCollaboration1795500200000 } from './1795500200000-BudgetProjectsCollaboration';
import { Voting1795600000000 } from './1795600000000-Voting';
import { VotingAudit1795700000000 } from './1795700000000-VotingAudit';
import { Consultations1795800000000 } from './1795800000000-Consultations';
import { Initiatives1795900000000 } from './1795900000000-Initiatives';
import { SiteAndAccountRequests1796000000000 } from './1796000000000-SiteAndAccountRequests';
import { VotingCodeMails1796040000000 } from './1796040000000-VotingCodeMails';
import { PasswordResetRequests1796050000000 } from './1796050000000-PasswordResetRequests';
import { SubscriptionMailClaims1796060000000 } from './1796060000000-SubscriptionMailClaims';
import { BudgetImplementation1796070000000 } from './1796070000000-BudgetImplementation';
import { BoothDrafts1796080000000 } from './1796080000000-BoothDrafts';
import { MeetingPlaces1796095000000 } from './1796095000000-MeetingPlaces';
import { InitiativeReportPhotos1796096000000 } from './1796096000000-InitiativeReportPhotos';
import { CommentModerationDesk1796101500000 } from './1796101500000-CommentModerationDesk';
import { BudgetResultsPublishedAt1796110000000 } from './1796110000000-BudgetResultsPublishedAt';

/** Every migration, in order. Add new ones at the end (file: <epoch-ms>-<PascalName>.ts). */
export const migrations = [
  Foundation1763840000000,
  OutboxDelivery1763850000000,
  AccountExistsTokens1795379602813,
  Notifications1795400000000,
  Budget1795500000000,
  BudgetReviews1795500100000,
  BudgetProjectsCollaboration1795500200000,
  Voting1795600000000,
  VotingAudit1795700000000,
  Consultations1795800000000,
  Initiatives1795900000000,
  SiteAndAccountRequests1796000000000,
  VotingCodeMails1796040000000,
  PasswordResetRequests1796050000000,
  SubscriptionMailClaims1796060000000,
  BudgetImplementation1796070000000,
  BoothDrafts1796080000000,
  MeetingPlaces1796095000000,
  InitiativeReportPhotos1796096000000,
  CommentModerationDesk1796101500000,
  BudgetResultsPublishedAt1796110000000,
];
