package org.imsajames.containers;

import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/** A file as the image ships it: {@code docker run --rm --entrypoint cat IMAGE PATH}. */
final class ImageFile {

    private ImageFile() {
    }

    static String read(String image, String path) {
        DockerPrecondition.requireImage(image);
        try (GenericContainer<?> cat = new GenericContainer<>(DockerImageName.parse(image))
                .withCreateContainerCmdModifier(command -> command.withEntrypoint("cat"))
                .withCommand(path)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            cat.start();
            return cat.getLogs(OutputType.STDOUT);
        }
    }
}
