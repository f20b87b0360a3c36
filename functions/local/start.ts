/** `npm start`: the whole service on this machine, until Ctrl-C. */
import { PortInUseError, startDistr } from './runtime.ts';

const started = performance.now();
try {
  const runtime = await startDistr({
    port: Number(process.env.PORT ?? 3000),
    dynamodb: process.env.DISTR_DYNAMODB === 'dynamodb-local' ? 'dynamodb-local' : 'dynalite',
    onError: (error) => console.error('distr:', error),
  });
  const ms = Math.round(performance.now() - started);
  console.log(`Distr is running at ${runtime.url}  (Node ${process.version}, started in ${ms} ms)`);
  console.log(`Data: ${runtime.dataDir}`);
  console.log(`Open: ${runtime.url}/   (the public documents site)`);
  console.log(`Try:  curl ${runtime.url}/v1/health`);
  console.log('      npx distr tokens create --role officer   (the first token; see `npx distr --help`)');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  console.error(`distr: ${error instanceof PortInUseError ? error.message : (error as Error).message}`);
  process.exit(1);
}
