import { PickType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { SurveyConfirmDto, SurveyResponseDto } from '../http/survey.dto';

/** The e-mail address of an anonymous participant, with the API's rule (the answers are read from the form apart). */
export class SurveyEmailFormDto extends PickType(SurveyResponseDto, ['email'] as const) {}

/** The code form: the API's code, and the response it confirms (carried in a hidden field). */
export class SurveyCodeFormDto extends SurveyConfirmDto {
  @IsUUID()
  response: string;
}
