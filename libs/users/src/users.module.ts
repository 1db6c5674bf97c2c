import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountDataService } from './account-data.service';
import { AccountDeletionRepository } from './account-deletion.repository';
import { AccountDeletionService } from './account-deletion.service';
import { PasswordHasher } from './password-hasher';
import { PersonalDataRegistry } from './personal-data.registry';
import { UserRoleEntity } from './user-role.entity';
import { UserRoleRepository } from './user-role.repository';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/**
 * Accounts and their roles: entities, repositories, password hashing and the account use cases (no HTTP); the
 * registry of every domain's personal data (download and deletion).
 */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, UserRoleEntity])],
  providers: [
    UserRepository,
    UserRoleRepository,
    AccountDeletionRepository,
    UsersService,
    PasswordHasher,
    AccountDataService,
    AccountDeletionService,
    PersonalDataRegistry,
  ],
  exports: [UserRepository, UserRoleRepository, UsersService, PasswordHasher, AccountDataService, AccountDeletionService, PersonalDataRegistry],
})
export class UsersModule {}
