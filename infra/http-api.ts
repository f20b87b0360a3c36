/** The HTTP API: its access log, and one route per entry of ROUTES behind the token authorizer. */
import { Duration, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/http/routes.ts';
import { AUTHORIZER, type FunctionName } from '../functions/resources.ts';
import { pascal, routeId } from './ids.ts';

/**
 * Adds the API and its access log to `scope` itself (see addStorage): the API's ID is in its URL,
 * which QR codes print when no public URL is configured.
 */
export function addHttpApi(scope: Construct, props: { logRetention: RetentionDays }): HttpApi {
  const api = new HttpApi(scope, 'Api', {
    description: 'Distr HTTP API',
    corsPreflight: {
      allowOrigins: ['*'],
      allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
      allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
      exposeHeaders: ['location'],
    },
  });
  const apiLogs = new LogGroup(scope, 'ApiAccessLogs', { retention: props.logRetention });
  const stage = api.defaultStage;
  if (stage) {
    // The L2 HttpStage has no access-log property for the default stage; set it on the L1.
    const cfnStage = stage.node.defaultChild as CfnStage;
    cfnStage.accessLogSettings = {
      destinationArn: apiLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        requestTime: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        responseLength: '$context.responseLength',
        latency: '$context.responseLatency',
      }),
    };
  }
  return api;
}

/**
 * Routes each entry of ROUTES to its function, in `scope` itself: a route under a new logical ID
 * could not even be created, as API Gateway refuses a second route with the same key.
 */
export function addRoutes(
  scope: Construct,
  api: HttpApi,
  functions: Record<FunctionName, NodejsFunction>,
): void {
  const authorizer = AUTHORIZER
    ? new HttpLambdaAuthorizer('TokenAuthorizer', functions[AUTHORIZER], {
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        // No identity source and no caching: the authorizer also runs for anonymous callers, who
        // may read public documents on the same routes, and revocations take effect at once.
        identitySource: [],
        resultsCacheTtl: Duration.seconds(0),
      })
    : undefined;

  const integrations = new Map<FunctionName, HttpLambdaIntegration>();
  for (const route of ROUTES) {
    let integration = integrations.get(route.fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${pascal(route.fn)}Integration`, functions[route.fn]);
      integrations.set(route.fn, integration);
    }
    const httpRoute = new HttpRoute(
      scope,
      `Route${pascal(route.method.toLowerCase())}${routeId(route.path)}`,
      {
        httpApi: api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
        ...(route.auth === 'token' && authorizer ? { authorizer } : {}),
      },
    );
    if (route.auth === 'none' || !authorizer) {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Public route by design (health, OpenAPI document, published documents).',
      });
    }
  }
}
