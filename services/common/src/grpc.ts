// gRPC plumbing shared by every service: a server with the standard health service, insecure
// channel clients (mTLS is the mesh's job in deploy/), and promise wrappers with deadlines.
import * as grpc from "@grpc/grpc-js";
import { HealthImplementation, service as healthService } from "grpc-health-check";
import { traceServiceImplementation, tracingInterceptor } from "./telemetry/grpc-tracing.js";

export { grpc };

export interface GrpcServerHandle {
  server: grpc.Server;
  port: number;
  health: HealthImplementation;
  shutdown(): Promise<void>;
}

export async function startGrpcServer(
  address: string,
  register: (server: grpc.Server) => void,
  serviceNames: string[],
): Promise<GrpcServerHandle> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 32 * 1024 * 1024 });
  const health = new HealthImplementation({ "": "SERVING", ...Object.fromEntries(serviceNames.map((s) => [s, "SERVING"])) });
  health.addToServer(server);
  // every service registered from here on gets SERVER spans that continue the caller's trace
  const addService = server.addService.bind(server);
  server.addService = (definition, implementation) =>
    addService(definition, traceServiceImplementation(definition, implementation));
  register(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))));
  return {
    server, port, health,
    shutdown: () => new Promise<void>((resolve) => {
      for (const name of ["", ...serviceNames]) health.setStatus(name, "NOT_SERVING");
      const force = setTimeout(() => server.forceShutdown(), 5000);
      server.tryShutdown(() => { clearTimeout(force); resolve(); });
    }),
  };
}

type UnaryMethod<Req, Res> = (
  request: Req, metadata: grpc.Metadata, options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: Res) => void,
) => grpc.ClientUnaryCall;

/** Options for every client of ours: CLIENT spans and trace context in the metadata. */
export const CLIENT_OPTIONS: grpc.ClientOptions = { interceptors: [tracingInterceptor] };

/** Calls a unary method with a deadline; rejects with the grpc.ServiceError as is. */
export function unary<Req, Res>(
  method: UnaryMethod<Req, Res>, self: grpc.Client, request: Req,
  options: { timeoutMs: number; metadata?: grpc.Metadata },
): Promise<Res> {
  return new Promise((resolve, reject) => {
    method.call(self, request, options.metadata ?? new grpc.Metadata(), { deadline: Date.now() + options.timeoutMs },
      (error, response) => (error ? reject(error) : resolve(response as Res)));
  });
}

export function isServiceError(error: unknown): error is grpc.ServiceError {
  return typeof error === "object" && error !== null && "code" in error && "metadata" in error;
}

const HealthClient = grpc.makeGenericClientConstructor(healthService as grpc.ServiceDefinition, "Health");

/** True when the server at `address` answers its health check with SERVING. */
export function checkHealth(address: string, timeoutMs = 1000, serviceName = ""): Promise<boolean> {
  const client = new HealthClient(address, grpc.credentials.createInsecure());
  return new Promise<boolean>((resolve) => {
    client.makeUnaryRequest(
      "/grpc.health.v1.Health/Check",
      (arg: { service: string }) => healthRequestType.serialize(arg),
      (buf: Buffer) => healthResponseType.deserialize(buf),
      { service: serviceName }, new grpc.Metadata(), { deadline: Date.now() + timeoutMs },
      (error: grpc.ServiceError | null, response?: { status: string }) => {
        client.close();
        resolve(!error && response?.status === "SERVING");
      },
    );
  });
}

const checkMethod = (healthService as grpc.ServiceDefinition).Check as grpc.MethodDefinition<{ service: string }, { status: string }>;
const healthRequestType = { serialize: checkMethod.requestSerialize };
const healthResponseType = { deserialize: checkMethod.responseDeserialize };
