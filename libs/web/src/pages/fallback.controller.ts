import { All, Controller, NotFoundException, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@civitas/common';
import { isPageRequest } from '../errors/page-error.filter';
import { pageNotFound } from '../errors/page-errors';

/**
 * Every path no other route matches (the router always prefers a real route): a 404 page, or problem+json under
 * /api as before. Going through a route (not Fastify's not-found handler) lets the guards read the session, so the
 * 404 page's header still shows who is signed in.
 */
@Public()
@ApiExcludeController()
@Controller()
export class FallbackController {
  @All('*')
  notFound(@Req() req: FastifyRequest): never {
    throw isPageRequest(req) ? pageNotFound() : new NotFoundException();
  }
}
