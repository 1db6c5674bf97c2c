import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordHasher } from './password-hasher';
import { UserRoleEntity } from './user-role.entity';
import { UserRoleRepository } from './user-role.repository';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/** Accounts and their roles: entities, repositories, password hashing and the account use cases (no HTTP). */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, UserRoleEntity])],
  providers: [UserRepository, UserRoleRepository, UsersService, PasswordHasher],
  exports: [UserRepository, UserRoleRepository, UsersService, PasswordHasher],
})
export class UsersModule {}
