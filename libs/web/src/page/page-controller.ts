import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CsrfGuard } from './csrf.guard';

/**
 * A controller of pages: left out of the OpenAPI document, every POST checked for its CSRF token. Handlers take
 * `@Res() reply` and answer with `WebPages.send` (a view) or `WebPages.redirect` (after a POST).
 */
export const PageController = (path = ''): ClassDecorator => applyDecorators(Controller(path), ApiExcludeController(), UseGuards(CsrfGuard));
