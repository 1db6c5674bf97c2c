import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('local initiatives (officials)')
@Controller('api/v1')
export class AgreementController {}
