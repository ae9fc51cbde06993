package dev.berth.grpc.testing;

import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.settings.DriverSettings;
import java.util.Optional;

/**
 * An in-process driver over a fake backend, started on the first call so that a test can change the
 * settings before it. Tests hold one in an {@code @AutoClose} field.
 */
public final class LazyDriver implements AutoCloseable {

  private final FakeBackend backend;
  private DriverSettings settings;
  private Optional<InProcessDriver> started = Optional.empty();

  public LazyDriver(FakeBackend backend, DriverSettings settings) {
    this.backend = backend;
    this.settings = settings;
  }

  /** The settings the driver runs (or will start) with. */
  public DriverSettings settings() {
    return settings;
  }

  /** Replaces the settings; only before the first call, which starts the driver with them. */
  public void settings(DriverSettings replacement) {
    if (started.isPresent()) {
      throw new IllegalStateException("the driver already started with the earlier settings");
    }
    settings = replacement;
  }

  public ComputeDriverBlockingStub stub() {
    InProcessDriver driver = started.orElseGet(() -> InProcessDriver.start(backend, settings));
    started = Optional.of(driver);
    return driver.stub();
  }

  @Override
  public void close() {
    started.ifPresent(InProcessDriver::close);
  }
}
