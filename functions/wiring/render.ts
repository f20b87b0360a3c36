/** The render function: the distributor over the AWS adapters, with the renderer that only it carries. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { createRenderer } from '../adapters/renderer.ts';
import { readConfig } from '../config.ts';
import { renderHandler } from '../workers/render.ts';
import { distributionService } from './distribution.ts';

export const createHandler = (env: NodeJS.ProcessEnv) => {
  const config = readConfig(env);
  return renderHandler(
    distributionService(createAwsClients(env), config, { render: createRenderer(config.publicUrl) })
      .distributor,
  );
};

export const handler = createHandler(process.env);
