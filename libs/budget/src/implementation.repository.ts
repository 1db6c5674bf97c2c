import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class ImplementationRepository {
  constructor(private readonly ds: DataSource) {}
}
