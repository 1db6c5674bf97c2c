import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AttachmentsService } from '../attachments.service';

@ApiTags('budget')
@Controller('api/v1/projects/:id')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}
}
