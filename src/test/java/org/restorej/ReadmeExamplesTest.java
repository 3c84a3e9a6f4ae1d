package org.restorej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import ij.ImagePlus;

import org.codehaus.groovy.jsr223.GroovyScriptEngineFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.Main;
import org.restorej.fiji.RestoreImageCommand;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.StreamedTiffs;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.read.TiffImage;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * README's examples of the Fiji menu (its recorded macro line, through SciJava: Fiji's legacy layer is
 * not available here), the headless script, the Java snippet and the command line, run as written
 * with a test model and temporary files. The macro example runs in {@code MacrosIT}.
 */
class ReadmeExamplesTest {

	@TempDir
	static Path dir;

	static Context context;
	static Path raw, cells;

	@BeforeAll
	static void setUp() throws Exception {
		context = new Context();
		raw = Files.createDirectories(dir.resolve("raw"));
		TiffFiles.save(TestImages.calibrated(TestImages.grey16("a.tif", 60, 44, 1)), raw.resolve("a.tif"), false);
		TiffFiles.save(TestImages.hyperstack16("b.tif", 40, 40, 1, 2, 1), raw.resolve("b.tif"), false);
		cells = dir.resolve("cells.tif");
		TiffFiles.save(TestImages.calibrated(TestImages.grey16("cells.tif", 70, 50, 2)), cells, false);
	}

	@AfterAll
	static void dispose() {
		context.dispose();
	}

	/** Placeholders to test files; {@code out} names this example's own output folder. */
	static Map<String, String> replacements(final String out) {
		final Map<String, String> m = new HashMap<>();
		m.put(ReadmeExamples.MODEL, SmallModels.grey().toString());
		m.put("/data/raw", raw.toString());
		m.put("/data/restored", dir.resolve(out).toString());
		m.put("/data/cells.tif", cells.toString());
		m.put("/data/cells-restored.tif", dir.resolve(out + ".tif").toString());
		return m;
	}

	static float[] local(final Path image, final String options) {
		try (LocalImageRestorer r = new LocalImageRestorer(SmallModels.grey())) {
			return TestImages.samples(r.restore(TiffFiles.open(image), RestoreSettings.parse(options), RunMonitor.SILENT));
		}
	}

	@Test
	void fijiMenuRecordedLine() throws Exception {
		final String line = ReadmeExamples.example("fiji-menu", replacements("menu")).trim();
		final Matcher m = Pattern.compile("run\\(\"Restore Image\", \"(.*)\"\\);").matcher(line);
		assertTrue(m.matches(), line);
		final Map<String, Object> inputs = new HashMap<>();
		// a recorded line as SciJava reads it: each key a parameter of the command
		for (final String kv : m.group(1).split(" ")) {
			final String[] p = kv.split("=", 2);
			inputs.put(p[0], p[1]);
		}
		final ImagePlus image = TiffFiles.open(cells);
		inputs.put("image", image);
		final CommandModule module = context.service(CommandService.class).run(RestoreImageCommand.class, true, inputs)
			.get(5, TimeUnit.MINUTES);
		assertFalse(module.isCanceled(), module.getCancelReason());
		final ImagePlus result = (ImagePlus) module.getOutput("result");
		assertEquals(ImagePlus.GRAY16, result.getType(), "type=same");
		TestImages.assertClose(local(cells, m.group(1).replaceAll("model=\\S+ ", "")), TestImages.samples(result),
			"recorded line");
	}

	@Test
	void headlessScript() throws Exception {
		final String command = ReadmeExamples.example("script", replacements("script")).trim();
		final Matcher m = Pattern.compile("\\./ImageJ-linux64 --headless --run (\\S+) '(.*)'").matcher(command);
		assertTrue(m.matches(), command);
		final Map<String, Object> inputs = new HashMap<>();
		final Matcher kv = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,]*))").matcher(m.group(2));
		while (kv.find())
			inputs.put(kv.group(1), kv.group(2) != null ? kv.group(2) : kv.group(3));
		final ScriptService scripts = context.service(ScriptService.class);
		scripts.getIndex().add(new GroovyScriptEngineFactory(), false);
		final ScriptModule module = scripts.run(Paths.get(m.group(1)).toFile(), true, inputs).get(5, TimeUnit.MINUTES);
		assertTrue(String.valueOf(module.getOutput("report")).contains("2 of 2"), String.valueOf(module.getOutput(
			"report")));
		TestImages.assertClose(local(raw.resolve("a.tif"), "tile=256 type=same"), TestImages.samples(TiffFiles.open(dir
			.resolve("script/a.tif"))), "script");
	}

	@Test
	void javaSnippet() throws Exception {
		final String snippet = ReadmeExamples.example("java", replacements("java"));
		final Path src = Files.createDirectories(dir.resolve("java-src")), classes = Files.createDirectories(dir
			.resolve("java-classes"));
		Files.writeString(src.resolve("ReadmeJava.java"), String.join("\n", List.of("import ij.IJ;",
			"import ij.ImagePlus;", "import org.scijava.Context;", "import org.scijava.command.CommandModule;",
			"import org.scijava.command.CommandService;", "import org.restorej.fiji.RestoreImageCommand;",
			"public class ReadmeJava {", "public static void main(String[] args) throws Exception {", snippet, "}}")));
		final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		final StringWriter errors = new StringWriter();
		final boolean compiled = javac.getTask(errors, null, null, List.of("-classpath", System.getProperty(
			"java.class.path"), "-d", classes.toString()), null, javac.getStandardFileManager(null, null, null)
				.getJavaFileObjects(src.resolve("ReadmeJava.java").toFile())).call();
		assertTrue(compiled, errors.toString());
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass()
			.getClassLoader()))
		{
			loader.loadClass("ReadmeJava").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
		}
		TestImages.assertClose(local(cells, "tile=256 type=same"), TestImages.samples(TiffFiles.open(dir.resolve(
			"java.tif"))), "Java snippet");
	}

	@Test
	void commandLine() throws Exception {
		final String command = ReadmeExamples.example("cli", replacements("cli")).trim();
		final String prefix = "java -jar target/restorej.jar ";
		assertTrue(command.startsWith(prefix), command);
		assertEquals(0, Main.execute(command.substring(prefix.length()).split(" ")));
		TestImages.assertClose(local(raw.resolve("a.tif"), "tile=256 type=same"), TestImages.samples(TiffFiles.open(dir
			.resolve("cli/a.tif"))), "command line");
		assertEquals(2, TiffFiles.open(dir.resolve("cli/b.tif")).getNSlices());
	}

	@Test
	void streamingCommandLine() throws Exception {
		final Map<String, String> r = replacements("streaming");
		r.put("/data/slide.tif", StreamedTiffs.write(dir.resolve("slide.tif"), 150, 110, ByteOrder.LITTLE_ENDIAN)
			.toString());
		r.put("/data/slide-restored.tif", dir.resolve("slide-restored.tif").toString());
		final String command = ReadmeExamples.example("cli-streaming", r).trim();
		final String prefix = "java -Xmx1g -jar target/restorej.jar ";
		assertTrue(command.startsWith(prefix), command);
		assertEquals(0, Main.execute(command.substring(prefix.length()).split(" ")));
		try (TiffImage in = TiffImage.open(dir.resolve("slide.tif")); TiffImage out = TiffImage.open(dir.resolve(
			"slide-restored.tif")))
		{
			assertTrue(out.info().bigTiff() && out.info().tiled(), "streamed: a tiled BigTIFF");
			assertEquals(SampleType.UINT16, out.info().sampleType(), "--output-type same");
			assertEquals(in.info().geoFields(), out.info().geoFields());
		}
	}

	@Test
	void zarrCommandLine() throws Exception {
		final Map<String, String> r = replacements("zarr");
		final Path tif = StreamedTiffs.write(dir.resolve("volume.tif"), 150, 110, ByteOrder.LITTLE_ENDIAN);
		final Path zarr = dir.resolve("volume.zarr");
		try (TiffImage in = TiffImage.open(tif); org.restorej.zarr.OmeZarrWriter<net.imglib2.type.numeric.integer.UnsignedShortType> w =
			org.restorej.zarr.OmeZarrWriter.create(zarr, org.restorej.zarr.ZarrOutputSpec.of(150, 110, 1, 1, 1,
				SampleType.UINT16)))
		{
			net.imglib2.loops.LoopBuilder.setImages(in.<net.imglib2.type.numeric.integer.UnsignedShortType> image(), w
				.output()).forEachPixel((a, b) -> b.set(a));
			w.commit();
		}
		r.put("/data/volume.zarr", zarr.toString());
		r.put("/data/volume-restored.zarr", dir.resolve("volume-restored.zarr").toString());
		final String command = ReadmeExamples.example("cli-zarr", r).trim();
		final String prefix = "java -jar target/restorej.jar ";
		assertTrue(command.startsWith(prefix), command);
		assertEquals(0, Main.execute(command.substring(prefix.length()).split(" ")));
		try (org.restorej.zarr.OmeZarrImage out = org.restorej.zarr.OmeZarrImage.open(dir.resolve(
			"volume-restored.zarr")))
		{
			assertEquals(150, out.info().width());
			assertEquals(SampleType.FLOAT32, out.info().sampleType());
		}
	}
}
