import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class ReviewRepository {
  constructor(private readonly ds: DataSource) {}
}
