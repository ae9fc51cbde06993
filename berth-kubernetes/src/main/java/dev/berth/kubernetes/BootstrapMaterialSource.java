package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.render.isolation.BootstrapMaterial;

/** Makes the contents of one runtime generation's two bootstrap Secrets. */
@FunctionalInterface
interface BootstrapMaterialSource {

  BootstrapMaterial material(BootstrapFacts facts) throws DriverException;
}
