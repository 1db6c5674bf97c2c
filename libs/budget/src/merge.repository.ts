import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class MergeRepository {
  constructor(private readonly ds: DataSource) {}
}
