import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class EditionRepository {
  constructor(private readonly ds: DataSource) {}
}
