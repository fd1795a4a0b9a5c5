import type { DiligenceConfig } from '../config';
import type { Finding } from '../findings';
import type { DiligenceModel } from '../model/types';

export interface RuleContext {
  config: DiligenceConfig;
  today: Date;
}

/** A local rule: reads the model, says what it finds. No I/O. */
export type Rule = (model: DiligenceModel, ctx: RuleContext) => Finding[];
