import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class AttachmentRepository {
  constructor(private readonly ds: DataSource) {}
}
