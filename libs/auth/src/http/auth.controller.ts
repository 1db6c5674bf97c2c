import { Body, Controller, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Locale } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import type { UserEntity } from '@civitas/users';
import { AuthService } from '../auth.service';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser, Public } from '../decorators';
import { AuthThrottlerGuard, LoginThrottlerGuard } from '../guards/auth-throttler.guard';
import { LocalAuthGuard } from '../guards/local-auth.guard';
import { clearSessionCookie, setSessionCookie } from '../session-cookie';
import { CheckEmailResponse, MeResponse, SessionResponse, StatusResponse } from './auth.response';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { ChangePasswordDto, PasswordResetConfirmDto, PasswordResetDto, VerifyEmailDto } from './dto/token.dto';
import { RequestLocale } from './request-locale.decorator';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('register')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an account; a verification link is mailed. Same answer whether or not the address has an account.' })
  @ApiCreatedResponse({ type: CheckEmailResponse })
  async register(@Body() body: RegisterDto, @RequestLocale() locale: Locale): Promise<CheckEmailResponse> {
    await this.auth.register({ ...body, locale: body.locale ?? locale });
    return new CheckEmailResponse();
  }

  @Post('verify-email')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the e-mail address with the token from the mailed link' })
  @ApiOkResponse({ type: StatusResponse })
  async verifyEmail(@Body() body: VerifyEmailDto): Promise<StatusResponse> {
    await this.auth.verifyEmail(body.token);
    return StatusResponse.of('email_verified');
  }

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: the session token is returned (for Bearer) and set as the civitas_session cookie' })
  @ApiOkResponse({ type: SessionResponse })
  async login(
    @Body() _body: LoginDto,
    // passport-local has put the checked account on request.user.
    @CurrentUser() user: UserEntity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    const session = await this.auth.login(user);
    setSessionCookie(reply, this.config, session.accessToken);
    return SessionResponse.of(session);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Log out: clears the cookie and ends every session of the account (all devices)' })
  @ApiNoContentResponse()
  async logout(@CurrentUser() user: AuthenticatedUser | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (user) await this.auth.logout(user);
    clearSessionCookie(reply, this.config);
  }

  @Post('password-reset')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a password-reset link by mail. Same answer whether or not the address has an account.' })
  @ApiAcceptedResponse({ type: CheckEmailResponse })
  async requestPasswordReset(@Body() body: PasswordResetDto): Promise<CheckEmailResponse> {
    await this.auth.requestPasswordReset(body.email);
    return new CheckEmailResponse();
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a new password with the token from the mailed link; ends every session' })
  @ApiOkResponse({ type: StatusResponse })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<StatusResponse> {
    await this.auth.confirmPasswordReset(body.token, body.password);
    return StatusResponse.of('password_reset');
  }

  @Post('password')
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Change the password; ends every other session and returns a new session for this one' })
  @ApiOkResponse({ type: SessionResponse })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    const session = await this.auth.changePassword(user, body.currentPassword, body.newPassword);
    setSessionCookie(reply, this.config, session.accessToken);
    return SessionResponse.of(session);
  }
}

@ApiTags('auth')
@Controller('api/v1/me')
export class MeController {
  @Get()
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'The logged-in account with its roles' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthenticatedUser): MeResponse {
    return MeResponse.of(user);
  }
}
