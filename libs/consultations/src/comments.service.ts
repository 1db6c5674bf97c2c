import { Injectable } from '@nestjs/common';

/** Comments on a consultation (online, or entered by an official), reports by users and moderation. */
@Injectable()
export class CommentsService {}
