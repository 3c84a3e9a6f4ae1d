#@ File (label = "Folder of images", style = "directory") input
#@ File (label = "Output folder", style = "directory") output
#@ String (label = "Model", description = "An installed model name or a model folder") model
#@ String (label = "Options", value = "tile=auto halo=auto normalize=auto type=same", description = "As in Plugins > RestoreJ > Restore Image") options
#@ Boolean (label = "Replace existing outputs", value = false) overwrite
#@ String (label = "Streaming", choices = {"auto", "on", "off"}, value = "auto", required = false, description = "Restore files ImageJ cannot load or hold (BigTIFF, tiled, too large) file to file in the worker") streaming
#@ String (label = "Compression of streamed outputs", choices = {"auto", "none", "deflate"}, value = "auto", required = false) compression
#@ CommandService commands
#@ LogService log
#@output String report

// RestoreJ batch script (Plugins > RestoreJ > Batch Restore): restores every TIFF and OME-Zarr image (.zarr) of a folder with one
// model load, through the Restore Folder command, so that it also runs headless:
//   ImageJ-linux64 --headless --run plugins/RestoreJ/Batch_Restore.groovy \
//     'input="/data/raw",output="/data/restored",model="restormer-fluorescence-denoising",options="tile=256",overwrite=false'
// BigTIFF, tiled and very large TIFFs are streamed file to file (streaming="auto", the default; "on", "off").

import org.restorej.fiji.RestoreFolderCommand
import org.restorej.restore.RestoreSettings

// the options string checked and spelled out, one command parameter per option
def inputs = new HashMap<String, Object>(RestoreSettings.parse(options).toMap())
inputs.put("model", model)
inputs.put("input", input)
inputs.put("output", output)
inputs.put("overwrite", overwrite)
// left out headless: the command's default (auto)
if (streaming != null) inputs.put("streaming", streaming)
if (compression != null) inputs.put("compression", compression)

def module = commands.run(RestoreFolderCommand, true, inputs).get()
if (module.isCanceled()) throw new IllegalArgumentException(module.getCancelReason())
report = module.getOutput("report")
log.info(report)
