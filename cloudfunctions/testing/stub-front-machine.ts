/**
 * Test support: an in-process FrontMachineClient answering per operation, recording every call.
 * A handler throws AppError to play a front-machine failure.
 */
import type { OperationName, OperationRequest, OperationResponse } from '../../typings/frontmachine';
import { AppError } from '../../miniprogram/core/errors';
import type { CallOptions, FrontMachineClient } from '../common/frontmachine';

export type StubAnswers = { [O in OperationName]?: (req: OperationRequest<O>) => OperationResponse<O> | Promise<OperationResponse<O>> };

export interface StubFrontMachine extends FrontMachineClient {
  /** Every call in order, with its options (the idempotency key of writes). */
  calls: { op: OperationName; req: unknown; opts?: CallOptions }[];
}

export function stubFrontMachine(answers: StubAnswers): StubFrontMachine {
  const calls: StubFrontMachine['calls'] = [];
  return {
    calls,
    async call<O extends OperationName>(op: O, req: OperationRequest<O>, opts?: CallOptions): Promise<OperationResponse<O>> {
      calls.push(opts === undefined ? { op, req } : { op, req, opts });
      const answer = answers[op] as ((r: OperationRequest<O>) => OperationResponse<O> | Promise<OperationResponse<O>>) | undefined;
      if (!answer) throw new AppError('HOSPITAL_UNAVAILABLE');
      return answer(req);
    },
  };
}
