import { builder, signedInType } from '../builder';
import { guard } from '../context';
import { councilsOfWaves, listPilotWaves, type PilotWaveRow } from '../providers/reference';
import { Council } from './councils';

const PilotWave = builder.objectRef<PilotWaveRow>('PilotWave').implement({
  ...signedInType,
  fields: (t) => ({
    wave: t.exposeInt('wave'),
    name: t.exposeString('name'),
    startYear: t.exposeInt('startYear'),
    description: t.exposeString('description'),
    councils: t.loadableList({
      type: Council,
      load: (waves: number[], ctx) => {
        guard(ctx);
        return councilsOfWaves(ctx.database, waves);
      },
      resolve: (wave) => wave.wave,
    }),
  }),
});

builder.queryFields((t) => ({
  pilotWaves: t.field({
    type: [PilotWave],
    resolve: (_root, _args, ctx) => {
      guard(ctx);
      return listPilotWaves(ctx.database);
    },
  }),
}));
