import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('consultations')
@Controller('api/v1')
export class MeetingsController {}
