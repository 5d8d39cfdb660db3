package io.redisrace.chaos.schedule;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;

/**
 * One trial, as data: everything the runner needs to repeat it. {@link Schedule#plan} derives the
 * random parts from {@code seed}, so {@code (seed, variant, fault, client)} replays it.
 *
 * @param seed       the trial's own seed
 * @param variant    loader variant
 * @param fault      nemesis fault
 * @param client     client mode of every loader of the trial
 * @param chunk      the chunk at which the fault hits loader A
 * @param phase      the step of that chunk at which A is held when the fault hits (null: none)
 * @param competitor whether a second loader B works on the same table, starting at {@code chunk}
 */
public record TrialPlan(long seed, LoaderVariant variant, Fault fault, ClientMode client, int chunk, Step phase, boolean competitor) {}
