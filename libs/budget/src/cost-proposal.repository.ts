import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class CostProposalRepository {
  constructor(private readonly ds: DataSource) {}
}
