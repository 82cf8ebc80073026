package org.imsajames.containers;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/**
 * Turns "no Docker" and "no James image" into a failed test with a message that says what to do.
 * The suites must fail, never skip: a skipped security test reads like a passed one.
 */
final class DockerPrecondition {

    private static final String PROVISION = "integration-tests/docker/provision.sh";

    private DockerPrecondition() {
    }

    static void requireImage(String image) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("Docker is not available, so the James integration tests cannot run. "
                    + "Run 'sudo " + PROVISION + "' (installs and starts Docker, builds " + JamesContainer.DEFAULT_IMAGE
                    + " without a registry) or start your Docker engine, then run the tests again.");
        }
        DockerClient docker = DockerClientFactory.lazyClient();
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException absent) {
            if (image.equals(JamesContainer.DEFAULT_IMAGE)) {
                // Our own name: no registry has it.
                throw new IllegalStateException("Image " + image + " is not on this Docker host: run 'sudo " + PROVISION
                        + "' to build it, or pick another image with -D" + JamesContainer.IMAGE_PROPERTY + "="
                        + JamesContainer.OFFICIAL_IMAGE + " where a registry is reachable");
            }
            pullOnce(docker, DockerImageName.parse(image));
        }
    }

    // One attempt: Testcontainers' own pull retries for minutes where no registry answers at all.
    private static void pullOnce(DockerClient docker, DockerImageName image) {
        try {
            docker.pullImageCmd(image.getUnversionedPart()).withTag(image.getVersionPart()).start().awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pulling " + image.asCanonicalNameString(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Image " + image.asCanonicalNameString() + " is not on this Docker host and "
                    + "could not be pulled (" + e.getMessage() + "). Without a registry, run 'sudo " + PROVISION
                    + "' to build it, or pick another image with -D" + JamesContainer.IMAGE_PROPERTY + "=...", e);
        }
    }
}
