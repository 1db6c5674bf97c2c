import { CommentsController } from './comments.controller';
import { MeetingsAdminController, MeetingsController } from './meetings.controller';
import { SurveyController } from './survey.controller';

/** The controllers of the consultations' forms (each file may export several; list them here). */
export const FORM_CONTROLLERS = [CommentsController, SurveyController, MeetingsController, MeetingsAdminController];
