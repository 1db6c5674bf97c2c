import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { Locale } from '@civitas/common';
import type { Frequency } from '../subscription.service';
import { MAX_TOPICS, TOPIC_PATTERN } from '../topics';

/**
 * The settings form (manage link, or an account's own): every field is shown, so an unticked topic or "my own
 * activity" box means none / off (where the JSON API's omitted field means "unchanged").
 */
export class SubscriptionSettingsForm {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TOPICS)
  @IsString({ each: true })
  @Matches(TOPIC_PATTERN, { each: true, message: 'each topic must be results, initiatives, edition:<uuid>, consultation:<uuid> or area:<uuid>' })
  topics?: string[];

  @IsIn(['pl', 'en'])
  locale: Locale;

  @IsIn(['immediate', 'daily'])
  frequency: Frequency;

  @IsOptional()
  @IsBoolean()
  ownActivity?: boolean;
}
