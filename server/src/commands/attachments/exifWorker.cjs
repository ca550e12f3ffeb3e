// Runs exifr in a worker thread: a malformed photo that sends the parser into an endless loop is
// stopped by terminating the worker, not by hanging the server. Plain CommonJS so that Node can load
// it directly under tsx and jest alike.
const { parentPort, workerData } = require('node:worker_threads');
const exifr = require('exifr');

exifr
  .parse(workerData.path, {
    gps: true,
    reviveValues: false,
    pick: ['DateTimeOriginal', 'CreateDate', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'],
  })
  .then(
    (tags) =>
      parentPort.postMessage(
        tags
          ? {
              time: tags.DateTimeOriginal ?? tags.CreateDate ?? null,
              latitude: typeof tags.latitude === 'number' ? tags.latitude : null,
              longitude: typeof tags.longitude === 'number' ? tags.longitude : null,
            }
          : null,
      ),
    () => parentPort.postMessage(null),
  );
