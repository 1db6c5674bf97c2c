import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignableRole } from './roles';

/** A role granted to an account: over every area (areaId null) or over one area and its descendants. */
@Entity({ name: 'user_roles' })
export class UserRoleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'role', type: 'text' })
  role: AssignableRole;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
