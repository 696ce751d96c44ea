import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row once the first admin exists; its primary key makes a second setup race lose. */
@Entity('setups')
export class Setup {
  @PrimaryColumn({ type: 'varchar' }) version: string;
  @CreateDateColumn({ name: 'setup_at', type: 'timestamptz' }) setupAt: Date;
}
