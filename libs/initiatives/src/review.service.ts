import { Injectable } from '@nestjs/common';

/** The formal check (with corrections and their deadline), independent scoring by evaluators, and the decision. */
@Injectable()
export class ReviewService {}
