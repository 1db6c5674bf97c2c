import { PickType } from '@nestjs/swagger';
import { CreateProjectDto, UpdateProjectDto } from '../http/dto/budget.dto';

/**
 * The forms of the submission pages are the API's own DTOs, each cut to the fields of one page (PickType keeps
 * every rule of the picked fields): a page validates exactly what the JSON API validates, with the same words, and a
 * field of another section sent to a page is an unknown field there, as on the API.
 */

/** Starting a draft: its title and pool (the cost items come later). */
export class StartProjectForm extends PickType(CreateProjectDto, ['title', 'poolId'] as const) {}

/** Basic information: the title and pool cannot be emptied; category and area may be. */
export class BasicsForm extends PickType(CreateProjectDto, ['title', 'poolId', 'categoryId', 'areaId'] as const) {}

export class DescriptionForm extends PickType(UpdateProjectDto, ['summary', 'description', 'justification', 'beneficiaries'] as const) {}

export class LocationForm extends PickType(UpdateProjectDto, ['address', 'latitude', 'longitude'] as const) {}

/** The whole cost breakdown (the page sends every row; an empty breakdown is allowed in a draft). */
export class CostsForm extends PickType(CreateProjectDto, ['costItems'] as const) {}
