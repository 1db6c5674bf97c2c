export * from './area-hierarchy';
export * from './area.entity';
export * from './area.repository';
export * from './areas.errors';
export * from './areas.module';
export * from './areas.service';
export * from './http/areas-http.module';
export * from './desk/areas-desk.module';
