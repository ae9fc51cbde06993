package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reports the version stamped into the jar at build time. */
public final class BerthVersion implements CommandLine.IVersionProvider {

  /** The project version, or "development" when run from unpackaged classes. */
  public static String version() {
    try (InputStream in = BerthVersion.class.getResourceAsStream("/berth-version.properties")) {
      if (in == null) {
        return "development";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "development");
    } catch (IOException e) {
      return "development";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"berth " + version(), "Java " + Runtime.version()};
  }
}
