import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import type { Context } from './context';

/** The one typed builder every module adds its types and fields to. */
export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { ID: { Input: string; Output: string } };
  // Fields are non-null unless they say `nullable: true`, as the contract is written.
  DefaultFieldNullability: false;
}>({
  plugins: [DataloaderPlugin],
  defaultFieldNullability: false,
});

builder.queryType({});
