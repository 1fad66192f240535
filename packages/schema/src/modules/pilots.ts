import { builder } from '../builder';
import { councilsOfWaves, listPilotWaves, type PilotWaveRow } from '../providers/reference';
import { Council } from './councils';

export const PilotWave = builder.objectRef<PilotWaveRow>('PilotWave').implement({
  fields: (t) => ({
    wave: t.exposeInt('wave'),
    name: t.exposeString('name'),
    startYear: t.exposeInt('startYear'),
    description: t.exposeString('description'),
    councils: t.loadableList({
      type: Council,
      load: (waves: number[], ctx) => councilsOfWaves(ctx.database, waves),
      resolve: (wave) => wave.wave,
    }),
  }),
});

builder.queryFields((t) => ({
  pilotWaves: t.field({
    type: [PilotWave],
    resolve: (_root, _args, ctx) => listPilotWaves(ctx.database),
  }),
}));
