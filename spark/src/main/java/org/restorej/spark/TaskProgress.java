package org.restorej.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Prints, on the driver, the tasks of each stage done out of its total as they finish ("restoring level
 * 0: 7/16 blocks"), and each failed attempt with its cause (Spark retries it, up to spark.task.maxFailures).
 */
final class TaskProgress extends SparkListener {

	private final Consumer<String> out;
	private final Map<Integer, AtomicInteger> done = new ConcurrentHashMap<>();
	private final Map<Integer, Integer> totals = new ConcurrentHashMap<>();
	private final Map<Integer, String> names = new ConcurrentHashMap<>();
	private volatile String next = "";

	TaskProgress(final Consumer<String> out) {
		this.out = out;
	}

	/** What the next stage submitted does, e.g. "restoring level 0". */
	void naming(final String what) {
		next = what;
	}

	@Override
	public void onStageSubmitted(final SparkListenerStageSubmitted e) {
		final int id = e.stageInfo().stageId();
		totals.put(id, e.stageInfo().numTasks());
		names.put(id, next);
		done.computeIfAbsent(id, k -> new AtomicInteger());
		out.accept(next + ": 0/" + e.stageInfo().numTasks() + " blocks");
	}

	@Override
	public void onTaskEnd(final SparkListenerTaskEnd e) {
		final int id = e.stageId();
		if (e.reason() == Success$.MODULE$) {
			if (e.taskInfo().speculative()) return;
			final int n = done.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
			out.accept(names.getOrDefault(id, "stage " + id) + ": " + n + "/" + totals.getOrDefault(id, 0) + " blocks");
		}
		else out.accept(names.getOrDefault(id, "stage " + id) + ": task " + e.taskInfo().index() + " (attempt " + e
			.taskInfo().attemptNumber() + ") failed on " + e.taskInfo().host() + ": " + firstLine(e.reason()));
	}

	private static String firstLine(final org.apache.spark.TaskEndReason reason) {
		final String s = reason instanceof org.apache.spark.TaskFailedReason f ? f.toErrorString() : reason.toString();
		return s.lines().findFirst().orElse(s);
	}
}
