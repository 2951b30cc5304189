/// <reference lib="esnext.temporal" />
interface Date{toTemporalInstant():Temporal.Instant;}