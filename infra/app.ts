/** The CDK app: `npx cdk synth` / `npx cdk deploy`. Synthesizes offline, without AWS credentials. */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DistrStack } from './distr-stack.ts';

const app = new App();
new DistrStack(app, 'Distr', {
  description: 'Distr: multilingual parliamentary documents, issued the way the United Nations does',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
