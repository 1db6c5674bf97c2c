import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class AuthorRepository {
  constructor(private readonly ds: DataSource) {}
}
