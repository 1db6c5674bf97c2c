import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBooleanString, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

/** An optional integer variable within [min, max]. */
function IntVar(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value))),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/**
 * Every environment variable Civitas reads, validated once at boot. README.md ("Production settings") documents
 * each of them; keep the two in step.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IntVar(0, 65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  VAR_DIR?: string;

  @IsOptional()
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F:./]+(,[0-9a-fA-F:./]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count, or a comma-separated list of proxy addresses/CIDRs',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  @IntVar(1, 200)
  DATABASE_POOL_SIZE?: number;

  /** How long opening a connection to PostgreSQL may take (a host that does not answer fails after this). */
  @IntVar(100, 120_000)
  DATABASE_CONNECT_TIMEOUT_MS?: number;

  @IsOptional()
  @IsString()
  DATABASE_EMBEDDED_DIR?: string;

  @IsOptional()
  @IsString()
  DATABASE_EMBEDDED_TEMPLATE?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'QUEUE_PREFIX may contain only letters, digits and _ . : -' })
  QUEUE_PREFIX?: string;

  @IntVar(1, 100)
  WORKER_CONCURRENCY?: number;

  @IntVar(50, 600000)
  OUTBOX_POLL_MS?: number;

  @IntVar(1000, 600000)
  WORKER_LOCK_MS?: number;

  @IntVar(1, 200)
  MAIL_CONCURRENCY?: number;

  @IntVar(1, 20)
  JOB_ATTEMPTS?: number;

  @IntVar(100, 600000)
  JOB_BACKOFF_MS?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SUBSCRIPTION_SECRET must be at least 32 characters long' })
  SUBSCRIPTION_SECRET?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'VOTER_KEY_SECRET must be at least 32 characters long' })
  VOTER_KEY_SECRET?: string;

  @IntVar(0, 23)
  DIGEST_HOUR?: number;

  @IntVar(10, 10000)
  FANOUT_CHUNK?: number;

  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  MAIL_FROM?: string;

  @IsOptional()
  @IsString()
  MAIL_DIR?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @IntVar(60, 2592000)
  JWT_TTL_SECONDS?: number;

  @IsOptional()
  @IsBooleanString()
  COOKIE_SECURE?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsBooleanString()
  LOG_PRETTY?: string;

  @IntVar(1, 10000)
  THROTTLE_AUTH_LIMIT?: number;

  @IntVar(1000, 86400000)
  THROTTLE_AUTH_TTL_MS?: number;

  // The city's identity on the pages (README: "City identity").
  @IsOptional()
  @IsString()
  @MaxLength(120)
  CITY_NAME?: string;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  CITY_NAME_EN?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  CITY_SHORT_NAME?: string;

  @IsOptional()
  @Matches(/\.(svg|png)$/i, { message: 'CITY_LOGO must be the path of an .svg or .png file' })
  CITY_LOGO?: string;

  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'CITY_BRAND_COLOUR must be a colour as #rrggbb' })
  CITY_BRAND_COLOUR?: string;

  @IsOptional()
  @IsEmail({}, { message: 'CITY_CONTACT_EMAIL must be an e-mail address' })
  CITY_CONTACT_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  CITY_CONTACT_PHONE?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  CITY_ADDRESS?: string;

  @IsOptional()
  @IsEmail({}, { message: 'PRIVACY_DPO_EMAIL must be an e-mail address' })
  PRIVACY_DPO_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  ACCESSIBILITY_CONTACT_NAME?: string;

  @IsOptional()
  @IsEmail({}, { message: 'ACCESSIBILITY_CONTACT_EMAIL must be an e-mail address' })
  ACCESSIBILITY_CONTACT_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  ACCESSIBILITY_CONTACT_PHONE?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'ACCESSIBILITY_PUBLISHED must be a date as YYYY-MM-DD' })
  ACCESSIBILITY_PUBLISHED?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'ACCESSIBILITY_UPDATED must be a date as YYYY-MM-DD' })
  ACCESSIBILITY_UPDATED?: string;

  @IntVar(0, 3600000)
  HOME_CACHE_MS?: number;

  // The base map of the pages' maps (Leaflet): a tile URL template; empty = no base map (markers only).
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+\/\S*\{z\}\S*$/, {
    message: 'MAP_TILE_URL must be an http(s) tile URL template with {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png',
  })
  MAP_TILE_URL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  MAP_TILE_ATTRIBUTION?: string;
}

/** The secrets that production must be given explicitly (the embedded mode generates and keeps them). */
export const PRODUCTION_SECRETS = ['JWT_SECRET'] as const;

export class ConfigError extends Error {}

export function validateEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvironmentVariables, cleaned, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return vars;
}
