// The learned cost-aware routing policy: features, training, artifact, backend and evaluation.
export { LearnedPolicyBackend, loadLearnedPolicy, type ScoredCandidate } from "./backend.js";
export {
  ARTIFACT_FORMAT, ARTIFACT_VERSION, ArtifactError, loadArtifact, parseArtifact, type PolicyArtifact,
} from "./artifact.js";
export { LearnedModel, argmaxReward, expectedReward, type Prediction, type RewardParams } from "./model.js";
export { DEFAULT_FEATURES, DENSE_FEATURES, Featurizer, promptText, queryWindow, type FeatureConfig } from "./features.js";
export { DEFAULT_TRAIN, trainPolicy, type TrainOptions } from "./fit.js";
export { assignFolds, loadRecords, parseRecords, type RoutingData, type RoutingRecord } from "./data.js";
export {
  logGrid, normalisedAuc, paretoFrontier, savingsAtParity, scoreAtBudget, upperHull, type CurvePoint,
} from "./curve.js";
export {
  baselines, catalogCandidates, emptyTable, policyPoint, predictRecords, summarise,
  type Baselines, type PolicyPoint, type PredictionTable, type Summary,
} from "./evaluate.js";
export { renderCurveSvg, type SvgMarker, type SvgSeries } from "./svg.js";
