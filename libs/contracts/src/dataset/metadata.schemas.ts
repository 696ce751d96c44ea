import { z } from 'zod';

export const metadataCreateSchema = z.object({
  type: z.enum(['string', 'number', 'time'], { errorMap: () => ({ message: 'must be string, number or time' }) }),
  name: z.string().trim().min(1, 'name must not be empty').max(255, 'name must be at most 255 characters'),
});

export const metadataUpdateSchema = metadataCreateSchema.pick({ name: true });

export const documentMetadataSchema = z.object({
  operation_data: z
    .array(
      z.object({
        document_id: z.string().uuid('must be a document id (a UUID)'),
        metadata_list: z.array(z.object({ id: z.string(), name: z.string(), value: z.union([z.string(), z.number(), z.null()]).optional() })),
      }),
    )
    .min(1, 'operation_data must not be empty'),
});
