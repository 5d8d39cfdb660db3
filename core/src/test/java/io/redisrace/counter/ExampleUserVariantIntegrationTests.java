package io.redisrace.counter;

/** A user variant gets the whole counter contract by subclassing it. */
class ExampleUserVariantIntegrationTests extends CounterContract {
  @Override
  protected CounterVariant variant() {
    return CounterVariants.parse("example-user-variant");
  }
}
