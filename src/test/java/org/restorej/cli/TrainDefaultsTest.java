package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.restorej.train.TrainingOptions;

import picocli.CommandLine;

/** {@code restorej train} takes its defaults from {@link TrainingOptions#defaults()}, the one set of them. */
class TrainDefaultsTest {

	private static final TrainingOptions DEFAULTS = TrainingOptions.defaults();

	@Test
	void optionsNotGivenHaveTheTrainingDefaults() {
		final TrainCommand c = new TrainCommand();
		new CommandLine(c).parseArgs("-o", "model");
		assertEquals(DEFAULTS.size(), c.size);
		assertEquals(DEFAULTS.validation(), c.validationPairs);
		assertEquals(DEFAULTS.minLearningRate(), c.minLr);
		assertEquals(DEFAULTS.warmup(), c.warmup);
		assertEquals(DEFAULTS.seed(), c.seed);
		assertEquals(DEFAULTS.threads(), c.threads);
		assertEquals(DEFAULTS.device(), c.device);
		assertEquals(DEFAULTS.checkpointEvery(), c.checkpointEvery);
		assertEquals(DEFAULTS.logEvery(), c.logEvery);
		assertEquals(DEFAULTS.validateEvery(), c.validateEvery);
	}

	@Test
	void givenOptionsReplaceThem() {
		final TrainCommand c = new TrainCommand();
		new CommandLine(c).parseArgs("-o", "model", "--size", "tiny", "--seed", "7", "--log-every", "3");
		assertEquals("tiny", c.size);
		assertEquals(7, c.seed);
		assertEquals(3, c.logEvery);
	}

	@Test
	void theHelpNamesTheDefaults() {
		final String help = new CommandLine(new TrainCommand()).getUsageMessage();
		assertTrue(help.contains("(default: " + DEFAULTS.size() + ";"), help);
		assertTrue(help.contains("Updates (default: " + TrainingOptions.DEFAULT_STEPS + ";"), help);
		assertTrue(help.contains("Steps between checkpoints (default: " + DEFAULTS.checkpointEvery() + ")"), help);
	}
}
