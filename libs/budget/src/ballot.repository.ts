import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class BallotRepository {
  constructor(private readonly ds: DataSource) {}
}
